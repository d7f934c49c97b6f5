import asyncio
class ARange:
    def __init__(self, n):
        self.n = n
        self.i = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        await asyncio.sleep(0)
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i - 1
async def sq(x):
    await asyncio.sleep(0)
    return x * x
async def main():
    a = [x async for x in ARange(4)]
    b = {x: await sq(x) for x in range(3)}
    c = [[y async for y in ARange(x)] for x in range(3)]
    d = [x for x in range(5) if await sq(x) > 3]
    e = {x async for x in ARange(3) if x}
    f = [(x, y) async for x in ARange(2) for y in range(2)]
    print(a, b, c, d, e, f)
asyncio.run(main())
