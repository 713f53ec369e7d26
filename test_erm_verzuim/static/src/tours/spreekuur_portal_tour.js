/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// A preventive consultation on the portal (/my/spreekuur): the employee books one, moves it
// to another time, and cancels it (after a confirmation); and one booked in the backend.
// Data and checks: tests/test_tour_spreekuur_portal.py.

import { registry } from "@web/core/registry";
import { clickMenu, guideShot, openMenu } from "./tour_steps";

const DOCTOR = "Lucas de Wit";
const tours = registry.category("web_tour.tours");

tours.add("erm_spreekuur_portal_book", {
    steps: () => [
        {
            content: "My consultations",
            trigger: ".o_erm_spreekuur h3:contains(Mijn spreekuurafspraken)",
        },
        {
            content: "None yet",
            trigger: ".o_erm_spreekuur_none:contains(Je hebt geen komende afspraken)",
        },
        {
            content: "Book a consultation",
            trigger: "a.o_erm_spreekuur_book:contains(Afspraak maken)",
            run: "click",
        },
        {
            content: "The company doctor's free times, days in Dutch",
            trigger: `.o_erm_spreekuur_book h5:contains(Vrije tijden van ${DOCTOR})`,
        },
        guideShot("medewerker-spreekuur-boeken"),
        {
            content: "Choose the first free time",
            trigger: ".o_erm_spreekuur_day:first .o_erm_spreekuur_slot:first",
            run: "click",
        },
        {
            content: "Booked",
            trigger: ".alert-success:contains(Je afspraak is gemaakt)",
        },
        {
            content: "Move it",
            trigger: `.o_erm_spreekuur_upcoming:contains(${DOCTOR}) a:contains(Verzetten)`,
            run: "click",
        },
        {
            content: "Choose another time",
            trigger: ".o_erm_spreekuur_book h3:contains(Je afspraak verzetten)",
        },
        {
            content: "The first free time now: the one after his",
            trigger: ".o_erm_spreekuur_day:first .o_erm_spreekuur_slot:first",
            run: "click",
        },
        {
            content: "Moved",
            trigger: ".alert-success:contains(Je afspraak is verzet)",
        },
        {
            content: "One upcoming consultation",
            trigger: `.o_erm_spreekuur_upcoming:contains(${DOCTOR})`,
        },
    ],
});

tours.add("erm_spreekuur_portal_cancel", {
    steps: () => [
        {
            content: "Cancel it",
            trigger: `.o_erm_spreekuur_upcoming:contains(${DOCTOR}) a:contains(Annuleren)`,
            run: "click",
        },
        {
            content: "Asked first",
            trigger: ".o_erm_spreekuur_cancel_confirm h3:contains(Je afspraak annuleren?)",
        },
        {
            content: "Yes, cancel",
            trigger: "button.o_erm_spreekuur_cancel_yes:contains(Ja, annuleren)",
            run: "click",
        },
        {
            content: "Cancelled",
            trigger: ".alert-info:contains(Je afspraak is geannuleerd)",
        },
        {
            content: "Listed as cancelled, not as earlier, nothing upcoming",
            trigger:
                `.o_erm_spreekuur:has(.o_erm_spreekuur_none):not(:contains(Eerder)) .o_erm_spreekuur_cancelled:contains(${DOCTOR})`,
        },
    ],
});

// The same in the backend: Spreekuur > Vrije tijdsloten shows the free times (read only),
// Spreekuur > Boeken books one.
tours.add("erm_spreekuur_backend_book", {
    steps: () => [
        ...openMenu("Spreekuur", "Vrije tijdsloten"),
        {
            content: "The free times, no access error",
            trigger: "body:not(:has(.o_error_dialog)) .o_calendar_view",
        },
        ...clickMenu("Spreekuur", "Boeken"),
        {
            content: "The professional",
            trigger: ".modal .o_field_widget[name=professional_id] input",
            run: `edit ${DOCTOR}`,
        },
        {
            content: "Choose him",
            trigger: `.modal .o_field_widget[name=professional_id] .o-autocomplete--dropdown-item a:contains(${DOCTOR})`,
            run: "click",
        },
        {
            content: "Open his free times",
            trigger: ".modal .o_field_widget[name=slot_id] input",
            run: "click",
        },
        {
            content: "Choose the first free time",
            trigger:
                ".modal .o_field_widget[name=slot_id] .o-autocomplete--dropdown-item:not(.o_m2o_no_result):first a",
            run: "click",
        },
        {
            content: "Book",
            trigger: ".modal .modal-footer button:contains(Boeken)",
            run: "click",
        },
        {
            content: "Booked",
            trigger: ".o_notification:contains(Uw afspraak is gemaakt)",
        },
    ],
});
