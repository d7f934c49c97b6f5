# classmethod alternate constructors respect subclassing
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def parse(cls, s):
        y, m, d = (int(p) for p in s.split('-'))
        return cls(y, m, d)
    @staticmethod
    def is_leap(y):
        return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    def __repr__(self):
        return '%s(%04d-%02d-%02d)' % (type(self).__name__, self.y, self.m, self.d)
class Birthday(Date):
    pass
print(Date.parse('2024-02-29'), Birthday.parse('1999-12-31'))
print([Date.is_leap(y) for y in (1900, 2000, 2023, 2024)], Birthday.is_leap(2020))
print(Birthday.parse('2000-1-2').is_leap(2000))
