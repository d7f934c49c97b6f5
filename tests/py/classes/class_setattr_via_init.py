# attributes created dynamically from keyword arguments
class Record:
    def __init__(self, **fields):
        for k, v in fields.items():
            setattr(self, k, v)
    def __repr__(self):
        keys = sorted(self.__dict__)
        return 'Record(' + ', '.join('%s=%r' % (k, getattr(self, k)) for k in keys) + ')'
    def __eq__(self, other):
        return self.__dict__ == other.__dict__
r = Record(name='ann', age=30)
print(r, r.name, r.age)
r.age += 1
print(r, r == Record(age=31, name='ann'), r == Record(name='ann'))
