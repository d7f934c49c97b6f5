# polymorphism through method overriding
class Shape:
    def area(self):
        raise NotImplementedError('subclass must implement area')
    def describe(self):
        return '%s area=%s' % (type(self).__name__, self.area())
class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return round(3.14159 * self.r ** 2, 2)
shapes = [Rect(2, 3), Square(4), Circle(1)]
for s in shapes:
    print(s.describe())
print(sum(s.area() for s in shapes))
try:
    Shape().describe()
except NotImplementedError as e:
    print(type(e).__name__, e)
