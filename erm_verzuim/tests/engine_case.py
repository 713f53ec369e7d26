"""Base class of the pure-Python engine tests (engine/: no ORM, no database).

They are unittest classes (odoo.tests.BaseCase, tagged at_install) rather than plain pytest
functions so that Odoo's own runner (`odoo -i erm_verzuim --test-enable`, what the OCA's CI
runs) finds them as well as pytest-odoo does.
"""

from odoo.tests import BaseCase, tagged


def parametrize(argnames, argvalues):
    """pytest.mark.parametrize for EngineCase methods (pytest's mark does not apply to unittest
    classes). The class gets one test method per case, named ``<method>_<n>``, so that both
    runners count and report every case on its own."""
    if isinstance(argnames, str):
        argnames = [name.strip() for name in argnames.split(",")]

    def mark(func):
        func.erm_cases = [dict(zip(argnames, values, strict=True)) for values in argvalues]
        return func

    return mark


def _case_method(func, params, name):
    def method(self):
        return func(self, **params)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"{func.__name__}({', '.join(f'{k}={v!r}' for k, v in params.items())})"
    return method


@tagged("erm_engine")
class EngineCase(BaseCase):
    def __init_subclass__(cls, **kwargs):
        for name, func in list(vars(cls).items()):
            cases = getattr(func, "erm_cases", None)
            if cases is None:
                continue
            delattr(cls, name)
            width = len(str(len(cases) - 1))
            for index, params in enumerate(cases):
                case_name = f"{name}_{index:0{width}d}"
                setattr(cls, case_name, _case_method(func, params, case_name))
        return super().__init_subclass__(**kwargs)
