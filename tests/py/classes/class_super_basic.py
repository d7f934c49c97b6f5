# super() in __init__ and regular methods, with arguments
class Shape:
    def __init__(self, name, sides):
        self.name = name
        self.sides = sides
    def describe(self):
        return '%s with %d sides' % (self.name, self.sides)
class Square(Shape):
    def __init__(self, size):
        super().__init__('square', 4)
        self.size = size
    def describe(self):
        return super().describe() + ' of size %d' % self.size
    def area(self):
        return self.size ** 2
class ColoredSquare(Square):
    def __init__(self, size, color):
        super().__init__(size)
        self.color = color
    def describe(self):
        return self.color + ' ' + super().describe()
cs = ColoredSquare(3, 'red')
print(cs.describe(), cs.area(), cs.sides)
print(super(ColoredSquare, cs).describe())
print(super(Square, cs).describe())
class Counter(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 10)
c = Counter()
c['a'] = 1
print(c['a'])
