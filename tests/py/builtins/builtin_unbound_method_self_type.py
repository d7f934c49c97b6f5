# Unbound methods of built-in types check the type of self, as CPython's method
# descriptors do.

def attempt(f, *args):
    try:
        r = f(*args)
        print("ok", repr(r))
    except TypeError as e:
        print("TypeError", e)


attempt(str.upper, 5)
attempt(str.upper, "abc")
attempt(str.join, ",", ["a", "b"])
attempt(str.join, 1, ["a", "b"])
attempt(list.append, (), 1)
attempt(list.append, [], 1)
attempt(dict.get, {"a": 1}, "a")
attempt(dict.get, [1], 0)
attempt(int.bit_length, 255)
attempt(int.bit_length, True)
attempt(int.bit_length, 2.5)
attempt(float.is_integer, 2.0)
attempt(bytes.hex, b"\x01\x02")
attempt(bytes.hex, "12")
attempt(set.add, frozenset(), 1)
attempt(tuple.count, [1, 1], 1)


class MyStr(str):
    pass


class MyList(list):
    pass


attempt(str.upper, MyStr("sub"))
l = MyList()
attempt(list.append, l, 3)
print(l)
attempt(list.append, MyStr("x"), 3)

# Bound calls are unaffected.
s = "hello"
print(s.upper(), [1, 2].index(2), {1: 2}.get(1), (3).bit_length())
m = s.upper
print(m())
