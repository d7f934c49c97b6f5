# Global and builtin name lookups in functions must see globals created, replaced and
# deleted later, globals that shadow builtins and stop shadowing them, and changes made
# through globals() and the builtins module.
import builtins


def use_len():
    return len([1, 2, 3])


def use_g():
    return g


print(use_len())
try:
    use_g()
except NameError as e:
    print("NameError", e)

g = 1
print(use_g())
g = 2
print(use_g())


def set_g(v):
    global g
    g = v


set_g(3)
print(use_g())
del g
try:
    use_g()
except NameError as e:
    print("NameError", e)

# Shadow a builtin with a global, then remove the shadow.
len = lambda x: "shadowed"
print(use_len())
del len
print(use_len())

# Through globals().
globals()["len"] = lambda x: "via globals()"
print(use_len())
del globals()["len"]
print(use_len())
globals()["g"] = 10
print(use_g())

# A new builtin is found; a global of the same name wins over it.
builtins.extra_builtin = "from builtins"


def use_extra():
    return extra_builtin


print(use_extra())
extra_builtin = "from globals"
print(use_extra())
del extra_builtin
print(use_extra())
del builtins.extra_builtin
try:
    use_extra()
except NameError as e:
    print("NameError", e)

# Lookups in a loop while the binding changes.
out = []
for i in range(6):
    out.append(use_g())
    g = i * 100
print(out)

# Many globals (more than the lookup cache holds).
for i in range(400):
    globals()["v%d" % i] = i
total = 0
for i in range(400):
    total += eval("v%d" % i)
print(total)


def sum_some():
    return v0 + v1 + v2 + v399


print(sum_some())
v399 = -1
print(sum_some())
