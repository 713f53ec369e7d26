/** @odoo-module **/
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
// The absence dashboard: headline figures of a period (erm.kpi.dashboard_data), the same
// period a year earlier, the company's target and a 13-month trend. The server decides what
// the user may see; this component only shows it.

import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { loadBundle } from "@web/core/assets";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { formatFloat } from "@web/views/fields/formatters";

const { DateTime } = luxon;

export class ErmDashboard extends Component {
    static template = "erm_reports.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.chartRef = useRef("chart");
        this.state = useState({
            period: "last_month",
            companyId: false,
            departmentId: false,
            data: null,
            exporting: false,
        });
        onWillStart(async () => {
            await loadBundle("web.chartjs_lib");
            await this.load();
        });
        useEffect(
            () => {
                this.renderChart();
                return () => this.chart && this.chart.destroy();
            },
            () => [this.state.data]
        );
    }

    get periods() {
        return [
            ["last_month", _t("Last month")],
            ["month", _t("This month")],
            ["last_quarter", _t("Last quarter")],
            ["quarter", _t("This quarter")],
            ["last_year", _t("Last year")],
            ["year", _t("This year")],
            ["last_12_months", _t("Last 12 months")],
        ];
    }

    get cards() {
        const data = this.state.data;
        const money = (value) => this.formatMoney(value);
        const pct = (value) => `${formatFloat(value, { digits: [16, 1] })} %`;
        const num = (value) => formatFloat(value, { digits: [16, 1] });
        const defs = [
            ["verzuimpercentage", _t("Absence rate"), pct, true],
            ["verzuimpercentage_excl_vangnet", _t("Absence rate without safety net"), pct, true],
            ["meldingsfrequentie", _t("Report frequency (per head per year)"), num, true],
            ["gemiddelde_verzuimduur", _t("Average duration (days)"), num, true],
            ["nulverzuim", _t("Zero absence"), pct, false],
            ["schadelast", _t("Cost of absence"), money, true],
        ];
        // the split by safety net only for who may know it (HR)
        const shown = defs.filter(
            ([key]) => key !== "verzuimpercentage_excl_vangnet" || data.vangnet_figures
        );
        return shown.map(([key, label, format, lowerIsBetter]) => {
            const value = data.current[key];
            const before = data.year_ago[key];
            let trend = "";
            if (typeof value === "number" && typeof before === "number" && value !== before) {
                const better = lowerIsBetter ? value < before : value > before;
                trend = better ? "text-success" : "text-danger";
            }
            return {
                key,
                label,
                value: typeof value === "number" ? format(value) : this.emptyText,
                before:
                    typeof before === "number"
                        ? format(before)
                        : data.year_ago.suppressed
                          ? `< ${data.year_ago.minimum_group_size}`
                          : "-",
                trend,
                target: key === "verzuimpercentage" && data.target ? pct(data.target) : false,
                aboveTarget:
                    key === "verzuimpercentage" && typeof value === "number" && value > data.target,
            };
        });
    }

    formatMoney(value) {
        // the company's currency symbol on its side, as Odoo shows amounts ("€ 36.193")
        const data = this.state.data;
        const amount = formatFloat(value, { digits: [16, 0] });
        const symbol = data.currency_symbol || data.currency;
        return data.currency_position === "after"
            ? `${amount}\u00a0${symbol}`
            : `${symbol}\u00a0${amount}`;
    }

    formatPct(value) {
        return typeof value === "number" ? `${formatFloat(value, { digits: [16, 0] })} %` : "-";
    }

    /** Not one sick day in the figures shown (a new organisation): say where they come from.
     * Decided on the figures the user already sees, so it reveals nothing more. */
    get noAbsenceYet() {
        const data = this.state.data;
        return (
            !data.current.suppressed &&
            !data.current.verzuimpercentage &&
            !data.year_ago.verzuimpercentage &&
            data.trend.every((point) => !point.rate)
        );
    }

    get emptyText() {
        const data = this.state.data;
        return data.current.suppressed ? `< ${data.current.minimum_group_size}` : "-";
    }

    async load() {
        this.state.data = await this.orm.call("erm.kpi", "dashboard_data", [], {
            period: this.state.period,
            company_id: this.state.companyId || false,
            department_id: this.state.departmentId || false,
        });
        this.state.companyId = this.state.data.company_id;
        this.state.departmentId = this.state.data.department_id;
    }

    async onPeriod(ev) {
        this.state.period = ev.target.value;
        await this.load();
    }

    async onCompany(ev) {
        this.state.companyId = parseInt(ev.target.value) || false;
        this.state.departmentId = false;
        await this.load();
    }

    async onDepartment(ev) {
        this.state.departmentId = parseInt(ev.target.value) || false;
        await this.load();
    }

    /** Downloads the XLSX of the group and period on screen, through the export wizard's
     * own checks and report (its periods, else the dates on screen). */
    async onExport() {
        const data = this.state.data;
        const wizardPeriods = ["last_month", "last_quarter", "last_year", "year", "last_12_months"];
        const values = {
            company_id: data.company_id,
            department_id: data.department_id || false,
            period: "custom",
            date_from: data.period.from,
            date_to: data.period.to,
        };
        if (wizardPeriods.includes(data.period.name)) {
            values.period = data.period.name;
        }
        // one download at a time: the button waits until the workbook has come
        this.state.exporting = true;
        try {
            const [wizardId] = await this.orm.create("erm.kpi.export.wizard", [values]);
            const action = await this.orm.call("erm.kpi.export.wizard", "action_export", [
                [wizardId],
            ]);
            await this.action.doAction(action);
        } finally {
            this.state.exporting = false;
        }
    }

    drill(card) {
        const data = this.state.data;
        if (!data.can_drill) {
            return;
        }
        const domain = [
            ["company_id", "=", data.company_id],
            ["month", ">=", data.period.from],
            ["month", "<=", data.period.to],
        ];
        if (data.department_id) {
            domain.push(["department_id", "child_of", data.department_id]);
        }
        if (card.key === "meldingsfrequentie" || card.key === "gemiddelde_verzuimduur") {
            const caseDomain = [["company_id", "=", data.company_id]];
            if (card.key === "meldingsfrequentie") {
                caseDomain.push(["date_start", ">=", data.period.from]);
                caseDomain.push(["date_start", "<=", data.period.to]);
            } else {
                caseDomain.push(["date_recovered", ">", data.period.from]);
                caseDomain.push(["date_recovered", "<=", data.period.to]);
            }
            if (data.department_id) {
                caseDomain.push(["employee_id.department_id", "child_of", data.department_id]);
            }
            this.action.doAction({
                type: "ir.actions.act_window",
                name: card.label,
                res_model: "erm.absence.case",
                views: [
                    [false, "list"],
                    [false, "form"],
                ],
                domain: caseDomain,
                context: { active_test: false },
            });
            return;
        }
        this.action.doAction({
            type: "ir.actions.act_window",
            name: card.label,
            res_model: "erm.absence.report",
            views: [
                [false, "pivot"],
                [false, "list"],
            ],
            domain,
            context: { pivot_row_groupby: ["employee_id"] },
        });
    }

    renderChart() {
        const data = this.state.data;
        if (!data || !this.chartRef.el || !window.Chart) {
            return;
        }
        const labels = data.trend.map((point) =>
            DateTime.fromISO(point.month).toFormat("LLL yyyy")
        );
        this.chart = new window.Chart(this.chartRef.el, {
            type: "line",
            data: {
                labels,
                datasets: [
                    {
                        label: _t("Absence rate (%)"),
                        data: data.trend.map((point) => point.rate),
                        borderColor: "#714B67",
                        tension: 0.2,
                    },
                    {
                        label: _t("Target (%)"),
                        data: data.trend.map(() => data.target),
                        borderColor: "#28a745",
                        borderDash: [6, 4],
                        pointRadius: 0,
                    },
                ],
            },
            options: { maintainAspectRatio: false, animation: false },
        });
    }
}

registry.category("actions").add("erm_reports.dashboard", ErmDashboard);
