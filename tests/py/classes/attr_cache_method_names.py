# Method names that also appear as instance attributes (of other objects, later, via
# __dict__ with computed keys): LoadMethod must still see the shadowing attribute.
class Task:
    def __init__(self):
        self.a = self.b = self.c = self.d = self.e = self.f = self.g = self.h = 0
    def run(self):
        return "Task.run"
    def step(self):
        return "Task.step"

def go(t):
    return t.run(), t.step()

t1, t2 = Task(), Task()
print(go(t1), go(t2))
t2.run = lambda: "t2.run"
print(go(t1), go(t2))
key = "".join(["st", "ep"])
t1.__dict__[key] = lambda: "t1.step via heap str key"
print(go(t1), go(t2))
del t1.__dict__[key]
print(go(t1))
vars(t1)["run"] = lambda: "vars run"
print(go(t1))
t1.__dict__.clear()
print(go(t1))
t1.__dict__.setdefault("step", lambda: "setdefault step")
print(go(t1))
t1.__dict__.update(run=lambda: "update run")
print(go(t1))
# An object of a class without the method but with the attribute, same instruction.
class Other:
    def __init__(self):
        self.run = lambda: "Other attr run"
        self.step = lambda: "Other attr step"
print(go(Other()))
# Exceptions and functions carry attribute dicts too.
class E(Exception):
    def run(self):
        return "E.run"
    def step(self):
        return "E.step"
e = E()
print(go(e))
e.run = lambda: "e attr run"
print(go(e))
def fn():
    pass
fn.run = lambda: "fn attr run"
print(fn.run())
