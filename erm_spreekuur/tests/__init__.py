from . import test_skeleton
