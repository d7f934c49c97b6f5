# await used inside larger expressions and control flow
def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as e:
        return e.value
async def val(x):
    return x
async def main():
    a = await val(2) + await val(3) * await val(4)
    c = (await val('x')).upper()
    d = await val(5) if await val(True) else await val(6)
    e = {await val('k'): await val('v')}
    total = 0
    while await val(total) < 3:
        total += 1
    return a, c, d, e, total
print(run(main()))
