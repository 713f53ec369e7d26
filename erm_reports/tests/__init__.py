from . import test_engine_vernet
