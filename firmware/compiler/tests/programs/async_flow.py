import asyncio

class ACM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    async def __aenter__(self):
        await asyncio.sleep(0)
        print("aenter", self.name)
        return self.name
    async def __aexit__(self, t, v, tb):
        await asyncio.sleep(0)
        print("aexit", self.name, t.__name__ if t else None)
        return self.suppress

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

async def ret_in_async_with():
    async with ACM("r") as n:
        return n + "!"

async def break_in_async_for():
    out = []
    async for i in ARange(10):
        if i == 1:
            continue
        if i == 3:
            break
        out.append(i)
    else:
        out.append("else")
    return out

async def return_in_async_for_in_with():
    async with ACM("w"):
        async for i in ARange(5):
            if i == 2:
                return i

async def suppressed():
    async with ACM("s", True):
        raise ValueError
    return "after"

async def raising():
    try:
        async with ACM("e"):
            async for i in ARange(3):
                if i == 1:
                    raise KeyError(i)
    except KeyError as e:
        return "caught %r" % e

async def error_in_aiter():
    class Bad:
        def __aiter__(self):
            return self
        async def __anext__(self):
            raise RuntimeError("bad anext")
    try:
        async for _ in Bad():
            pass
    except RuntimeError as e:
        return str(e)

async def gather():
    async def work(n):
        await asyncio.sleep(0)
        return n * n
    return await asyncio.gather(*(work(i) for i in range(4)))

async def main():
    print(await ret_in_async_with())
    print(await break_in_async_for())
    print(await return_in_async_for_in_with())
    print(await suppressed())
    print(await raising())
    print(await error_in_aiter())
    print(await gather())
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print("timeout")

asyncio.run(main())
