# except Exception does not catch BaseException-only classes
def raiser(cls):
    try:
        raise cls('x')
    except Exception:
        return 'caught by Exception'
    except BaseException as e:
        return 'caught by BaseException: ' + type(e).__name__
for cls in (ValueError, KeyboardInterrupt, SystemExit, GeneratorExit, StopIteration):
    print(cls.__name__, raiser(cls))
try:
    raise SystemExit(3)
except BaseException as e:
    print(type(e).__name__, e.args)
