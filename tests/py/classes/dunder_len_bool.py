# __len__ and __bool__ determine truthiness
class Empty:
    def __len__(self):
        return 0
class Full:
    def __len__(self):
        return 3
class Falsy:
    def __bool__(self):
        return False
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
class Plain:
    pass
for obj in (Empty(), Full(), Falsy(), Both(), Plain()):
    print(type(obj).__name__, bool(obj), 'yes' if obj else 'no', not obj)
print(len(Full()), len(Empty()))
x = Falsy() or 'fallback'
print(x)
