from . import erm_kpi_export_wizard
