# values sent by the driver flow back through nested awaits
class Request:
    def __init__(self, what):
        self.what = what
    def __await__(self):
        answer = yield self.what
        return answer
    __iter__ = __await__  # MicroPython awaits via __iter__
async def ask(q):
    return await Request(q)
async def conversation():
    name = await ask('name?')
    age = await ask('age?')
    return '%s is %d' % (name, age)
answers = {'name?': 'Ada', 'age?': 36}
c = conversation()
q = c.send(None)
try:
    while True:
        print('asked', q)
        q = c.send(answers[q])
except StopIteration as e:
    print(e.value)
