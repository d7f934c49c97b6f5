# break/continue/return through finally, with and except blocks
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, t, v, tb):
        print("exit", self.name, t.__name__ if t else None)
        return self.suppress

def f1():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
    else:
        print("else not reached")
    return "f1 done"
print(f1())

def f2():
    try:
        return "try"
    finally:
        print("f2 finally")
print(f2())

def f3():
    try:
        return "try"
    finally:
        return "finally wins"
print(f3())

def f4():
    for x in range(3):
        with CM("w%d" % x) as n:
            if x == 0:
                continue
            if x == 1:
                return n
print(f4())

def f5():
    with CM("a"), CM("b") as b:
        return b
print(f5())

def f6():
    with CM("s", True):
        raise ValueError("boom")
    return "suppressed"
print(f6())

def f7():
    try:
        with CM("t"):
            raise KeyError("k")
    except KeyError as e:
        return "caught " + repr(e)
print(f7())

def f8():
    result = []
    for i in range(3):
        try:
            try:
                if i == 1:
                    raise ValueError(i)
                result.append(("ok", i))
            except ValueError as e:
                result.append(("err", e.args[0]))
                continue
            finally:
                result.append(("fin", i))
        finally:
            result.append(("outer", i))
    return result
print(f8())

def f9():
    while True:
        try:
            return [x for x in range(3)]
        finally:
            print("f9 finally")
print(f9())

def f10():
    i = 0
    while i < 10:
        i += 1
        try:
            if i % 2:
                continue
        except Exception:
            pass
        else:
            if i > 6:
                break
        finally:
            pass
    else:
        return "no break"
    return i
print(f10())

def f11():
    try:
        raise ValueError("a")
    except ValueError as e:
        try:
            raise TypeError("b")
        except TypeError as e2:
            return (repr(e2), repr(e2.__context__))
print(f11())

def f12():
    e = "before"
    try:
        raise ValueError
    except ValueError as e:
        pass
    try:
        return e
    except NameError as n:
        return "deleted"
print(f12())

def f13():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
    try:
        try:
            raise ValueError("x")
        except ValueError:
            raise
    except ValueError as e:
        print("reraised", e)
f13()

def f14():
    for i in range(3):
        try:
            pass
        finally:
            if i == 1:
                break
    return i
print(f14())

def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen closed")
g = gen()
print(next(g))
g.close()

def f15(n):
    try:
        if n:
            return n
    finally:
        print("f15", n)
    return -1
print(f15(0), f15(5))

def f16():
    try:
        try:
            1 / 0
        except ZeroDivisionError:
            print("handling")
            raise KeyError("new")
    except KeyError as e:
        print(type(e.__context__).__name__)
f16()

def f17():
    for i in range(3):
        with CM("loop"):
            try:
                if i == 2:
                    break
            finally:
                print("tf", i)
    return i
print(f17())
