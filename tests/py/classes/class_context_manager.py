# a class implementing __enter__/__exit__ used for resource tracking
class Resource:
    open_count = 0
    def __init__(self, name):
        self.name = name
        self.log = []
    def __enter__(self):
        Resource.open_count += 1
        self.log.append('open')
        return self
    def __exit__(self, exc_type, exc, tb):
        Resource.open_count -= 1
        self.log.append('close:' + (exc_type.__name__ if exc_type else 'ok'))
        return exc_type is KeyError
    def use(self, fail=None):
        self.log.append('use')
        if fail:
            raise fail('failure in ' + self.name)
r = Resource('r1')
with r as handle:
    handle.use()
    print('inside', Resource.open_count, handle is r)
print(r.log, Resource.open_count)
r2 = Resource('r2')
with r2:
    r2.use(KeyError)
print(r2.log)
r3 = Resource('r3')
try:
    with r3:
        r3.use(ValueError)
except ValueError as e:
    print('propagated:', e)
print(r3.log, Resource.open_count)
