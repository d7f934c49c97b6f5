# async with calls __aenter__ and __aexit__
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Resource:
    def __init__(self, name):
        self.name = name
    async def __aenter__(self):
        print('aenter', self.name)
        return self.name.upper()
    async def __aexit__(self, t, v, tb):
        print('aexit', self.name, t.__name__ if t else None)
        return False
async def main():
    async with Resource('db') as handle:
        print('using', handle)
    async with Resource('a') as a, Resource('b') as b:
        print('both', a, b)
    return 'ok'
print(run(main()))
