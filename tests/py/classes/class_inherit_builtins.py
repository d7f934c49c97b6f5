# subclasses of list and dict keep builtin behaviour
class Stack(list):
    def push(self, v):
        self.append(v)
    def peek(self):
        return self[-1]
s = Stack()
s.push(1); s.push(2); s.push(3)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list))
class DefaultDict(dict):
    def __init__(self, factory):
        super().__init__()
        self.factory = factory
    def get_or_make(self, k):
        if k not in self:
            self[k] = self.factory()
        return self[k]
d = DefaultDict(list)
d.get_or_make('a').append(1)
d.get_or_make('a').append(2)
d.get_or_make('b')
print(sorted(d.items()), len(d))
class MyStr(str):
    def shout(self):
        return self.upper() + '!'
m = MyStr('hey')
print(m.shout(), m + ' you', len(m), isinstance(m, str))
