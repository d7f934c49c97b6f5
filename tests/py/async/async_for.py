# async for with __aiter__ / __anext__ and StopAsyncIteration
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
class Ticker:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 10
async def consume():
    out = []
    async for v in Ticker(4):
        out.append(v)
    return out
print(run(consume()))
async def with_break_else():
    async for v in Ticker(5):
        if v == 30:
            print('break at', v)
            break
    else:
        print('not reached')
    async for v in Ticker(2):
        pass
    else:
        print('else after exhaustion, last', v)
run(with_break_else())
print(issubclass(StopAsyncIteration, Exception))
