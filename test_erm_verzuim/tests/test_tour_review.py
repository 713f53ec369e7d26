# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Tour: the quarterly stakeholder review, as its people do it in the browser.

HR, the organiser, opens *Organisatie > Kwartaaloverleg*, plans the meeting of this
quarter's review (made by the scheduled action), sends the invitation, makes the agenda
with the figures of the last quarter, writes the minutes and a decision and marks the
meeting held; the board (directie) reads the agenda and approves the minutes; HR prints
the agenda and minutes. The browser cannot read the PDF: the test renders the same report
as HR and reads its text with pdftotext (Debian's poppler-utils)."""

import re
import shutil
import subprocess
from datetime import timedelta

import pytz

from odoo import fields
from odoo.tests import tagged

from odoo.addons.erm_verzuim.models.erm_stakeholder_review import quarter_label, quarter_start

from .tour_common import ErmTourCase

DATE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
DUTCH_DATE = re.compile(r"^\d{2}-\d{2}-\d{4}$")


@tagged("post_install", "-at_install", "erm_tour")
class ErmTourReview(ErmTourCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env.user.with_context(tz="Europe/Amsterdam"))
        cls.company.erm_review_organiser_id = cls.user_hr
        # figures for the agenda: nine people (Zorg's three and six in Noord), one of them
        # sick (100 %) the whole of the last quarter: an absence rate of 1/9 = 11,1 %
        noord = cls.env["hr.department"].create(
            {"name": "Thuiszorg Noord", "company_id": cls.company.id})
        people = cls.env["hr.employee"].create([
            {"name": f"Noord {index}", "company_id": cls.company.id,
             "department_id": noord.id}
            for index in range(1, 7)
        ])
        cls.report_start = quarter_start(cls.today) - timedelta(days=1)
        cls.report_start = quarter_start(cls.report_start)
        cls.make_case(people[0], start=cls.report_start - timedelta(days=10))
        # the scheduled action makes this quarter's review (as the system, in English)
        cls.env["erm.stakeholder.review"].with_context(lang="en_US")._erm_create_due_reviews(
            cls.today, companies=cls.company)
        cls.review = cls.env["erm.stakeholder.review"].search([
            ("company_id", "=", cls.company.id),
            ("date_quarter_start", "=", quarter_start(cls.today)),
        ])

    def authenticate(self, user, password, browser=None):
        session = super().authenticate(user, password, browser=browser)
        if browser:
            # The web client reads and writes times in the browser's time zone: the
            # organiser's browser is in Amsterdam, as his user's tz (not in the test
            # machine's UTC).
            browser._websocket_request(
                "Emulation.setTimezoneOverride", params={"timezoneId": "Europe/Amsterdam"})
        return session

    def printed_text(self, user):
        """The text of the printed agenda and minutes, as `user` prints them.

        The PDF is made for real (wkhtmltopdf) and read with poppler's tools. Its text is
        there because the reports take Lato from the system (fonts-lato, installed by bin/erm
        setup): Debian's wkhtmltopdf draws a web font as outlines, without text."""
        report = self.env["ir.actions.report"].with_user(user).with_context(lang="nl_NL")
        name = "erm_verzuim.action_report_erm_stakeholder_review"
        pdf, kind = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            name, self.review.ids)
        self.assertEqual(kind, "pdf")
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        self.assertRegex(info.stdout.decode(), r"Pages:\s+[123]\n")
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
        self.assertTrue(text.strip(), "pdftotext reads no text: the PDF's words are outlines")
        return " ".join(text.split())

    def test_plan_hold_approve_print(self):
        self.assertEqual(len(self.review), 1)
        self.assertEqual(self.review.organiser_id, self.user_hr)
        self.assertIn(self.user_board, self.review.participant_user_ids)
        # the review the scheduler made reads Dutch, whoever made it
        quarter = quarter_label(quarter_start(self.today))
        self.assertEqual(self.review.name, f"Kwartaaloverleg {quarter} - Zorggroep Test B.V.")

        self.run_tour("erm_review", self.user_hr)
        review = self.review
        self.assertEqual(review.state, "held")
        self.assertEqual(review.meeting_location, "Vergaderzaal directie")
        meeting = pytz.utc.localize(review.date_meeting).astimezone(
            pytz.timezone("Europe/Amsterdam"))
        self.assertEqual((meeting.date(), meeting.hour), (self.today + timedelta(days=7), 14))
        self.assertTrue(review.calendar_event_id)
        self.assertIn(self.user_board.partner_id, review.calendar_event_id.partner_ids)
        rate = review.snapshot["sections"]["figures"]["rows"][0]
        self.assertAlmostEqual(rate[1], 100 / 9)
        self.assertIn("Afgesproken: preventief spreekuur in Noord", review.minutes)
        self.assertEqual(review.decision_ids.mapped("name"), ["Preventief spreekuur in Noord"])
        # the planning activity of the organiser is done
        plan_type = self.env.ref("erm_verzuim.mail_activity_type_erm_review_plan")
        self.assertFalse(review.activity_ids.filtered(lambda a: a.activity_type_id == plan_type))

        self.run_tour("erm_review_approve", self.user_board)
        self.assertEqual(review.state, "approved")
        self.assertEqual(review.approved_user_id, self.user_board)

        self.run_tour("erm_review_print", self.user_hr)
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is needed to read the printed review")
        text = self.printed_text(self.user_hr)
        report_end = quarter_start(self.today) - timedelta(days=1)
        for expected in (
            f"Kwartaaloverleg {quarter} - Zorggroep Test B.V.",
            f"Overleg: {meeting:%d-%m-%Y} 14:00",
            "Locatie: Vergaderzaal directie",
            f"Cijfers van {quarter_label(self.report_start)} "
            f"({self.report_start:%d-%m-%Y} - {report_end:%d-%m-%Y})",
            "Verzuimpercentage (%) 11,1",
            "Afgesproken: preventief spreekuur in Noord",
            "Preventief spreekuur in Noord",
            f"Verslag goedgekeurd door Erm Board op {self.today:%d-%m-%Y}",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("B.V..", text)
        # every date a person reads is dd-mm-jjjj
        dates = DATE.findall(text)
        self.assertTrue(dates)
        self.assertEqual([d for d in dates if not DUTCH_DATE.match(d)], [], text)
