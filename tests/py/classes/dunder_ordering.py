# __lt__ and friends enable sorting and comparison
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split('.'))
    def __lt__(self, other):
        return self.parts < other.parts
    def __le__(self, other):
        return self.parts <= other.parts
    def __eq__(self, other):
        return self.parts == other.parts
    def __repr__(self):
        return '.'.join(str(p) for p in self.parts)
vs = [Version(s) for s in ('1.10', '1.2', '1.2.1', '0.9', '1.2')]
print(sorted(vs), max(vs), min(vs))
a, b = Version('1.0'), Version('2.0')
print(a < b, a <= b, a == b, b < a, a <= Version('1.0'))
print(sorted(vs, reverse=True))
