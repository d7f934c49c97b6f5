import sys
def show():
    return sys.exc_info()[0].__name__ if sys.exc_info()[0] else None

try:
    raise ValueError("x")
except ValueError:
    print("in except", show())
print("after", show())

try:
    try:
        raise KeyError("inner")
    finally:
        print("finally sees", show())
except KeyError as e:
    print("outer", repr(e))

def reraiser():
    try:
        raise TypeError("t")
    except TypeError:
        helper_raise()
def helper_raise():
    raise
try:
    reraiser()
except TypeError as e:
    print("bare raise in helper", e)

try:
    raise ValueError("a") from KeyError("b")
except ValueError as e:
    print(repr(e.__cause__), e.__suppress_context__)
try:
    try:
        raise ValueError("a")
    except ValueError:
        raise KeyError("b") from None
except KeyError as e:
    print(e.__cause__, e.__suppress_context__, repr(e.__context__))

def ret_in_except():
    try:
        raise ValueError
    except ValueError:
        return "returned"
    finally:
        print("fin", show())
print(ret_in_except(), show())

def exc_in_finally():
    try:
        raise ValueError("first")
    finally:
        raise KeyError("second")
try:
    exc_in_finally()
except KeyError as e:
    print("second wins", repr(e.__context__))

def nested_handlers():
    out = []
    for i in range(3):
        try:
            try:
                if i == 0:
                    raise IndexError(i)
                if i == 1:
                    raise KeyError(i)
                out.append("none")
            except IndexError as e:
                out.append("idx%d" % e.args[0])
                raise RuntimeError("from idx")
        except RuntimeError as e:
            out.append(str(e))
        except KeyError as e:
            out.append("key")
        else:
            out.append("else")
        finally:
            out.append("f%d" % i)
    return out
print(nested_handlers())

def name_deleted():
    try:
        raise ValueError
    except ValueError as err:
        pass
    return "err" in dir()
print(name_deleted())

class MyErr(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code
try:
    raise MyErr(42)
except (KeyError, MyErr) as e:
    print(type(e).__name__, e.code, str(e))

try:
    raise MyErr
except TypeError as e:
    print("TypeError on raise class needing args")

def gen_with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("gen finally", show())
for v in gen_with_finally():
    print("v", v)
    break
import gc
gc.collect()

def excepthook():
    try:
        {}["missing"]
    except LookupError as e:
        return type(e).__name__, e.args
print(excepthook())

try:
    assert 0, ("tuple", "msg")
except AssertionError as e:
    print(e.args)

def loop_with_try():
    total = 0
    for i in range(10):
        try:
            if i % 3 == 0:
                continue
            total += 1 / (i - 5)
        except ZeroDivisionError:
            total += 100
            break
        finally:
            total += 1000
    return round(total, 3)
print(loop_with_try())

def while_else_try():
    n = 0
    while n < 3:
        try:
            n += 1
        except Exception:
            break
    else:
        return "else ran", n
    return "no else"
print(while_else_try())

try:
    int("xyz")
except ValueError as e:
    print(str(e))
try:
    None.foo
except AttributeError as e:
    print("attr error")
try:
    undefined_name
except NameError as e:
    print(e)
def unbound():
    if False:
        y = 1
    return y
try:
    unbound()
except UnboundLocalError as e:
    print("unbound local")
with_stmt_result = []
class Tracker:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        with_stmt_result.append("enter%d" % self.n)
        return self.n
    def __exit__(self, t, v, tb):
        with_stmt_result.append("exit%d:%s" % (self.n, t.__name__ if t else ""))
        return self.n == 1
with Tracker(1) as a:
    with Tracker(2) as b:
        raise ValueError("suppressed by outer")
print(with_stmt_result)
