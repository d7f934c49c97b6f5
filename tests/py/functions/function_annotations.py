# annotated functions behave like plain ones
def add(a: int, b: int = 2) -> int:
    return a + b
def greet(name: str, *args: str, sep: str = ' ', **kw: int) -> str:
    return sep.join((name,) + args)
print(add(1), add(1, 5), add('x', 'y'))
print(greet('a', 'b', 'c'), greet('a', 'b', sep='-'))
x: int = 5
y: list
print(x)
def noreturn() -> None:
    pass
print(noreturn())
