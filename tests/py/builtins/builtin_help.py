# .exp: help() is MicroPython's (a welcome text; help(obj) lists the attributes of the object's class or module), not CPython's pydoc
help()


class Named:
    def __str__(self):
        return "a point"


class Point(Named):
    dims = 2
    name = "point"


help(Point)
help(Point())
print(help(Point) is None)
