# with statement calls __enter__ and __exit__
class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print('enter', self.name)
        return 'value-' + self.name
    def __exit__(self, exc_type, exc, tb):
        print('exit', self.name, exc_type)
        return False
with CM('a') as v:
    print('body', v)
with CM('b'):
    print('body without as')
class SelfCM:
    def __enter__(self):
        return self
    def __exit__(self, *args):
        print('exit args count', len(args), args[0] is None)
with SelfCM() as s:
    print(type(s).__name__)
