# __aexit__ sees exceptions and may suppress them
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Guard:
    def __init__(self, suppress):
        self.suppress = suppress
    async def __aenter__(self):
        return self
    async def __aexit__(self, t, v, tb):
        print('aexit got', t.__name__ if t else None)
        return self.suppress
async def main():
    async with Guard(True):
        raise ValueError('suppressed')
    print('continued after suppression')
    try:
        async with Guard(False):
            raise KeyError('escapes')
    except KeyError as e:
        print('caught', e.args)
    return 'end'
print(run(main()))
