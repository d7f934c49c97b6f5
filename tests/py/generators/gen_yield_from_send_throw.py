# send and throw are forwarded through yield from
def sub():
    log = []
    while True:
        try:
            v = yield len(log)
        except KeyError as e:
            log.append('sub caught ' + e.args[0])
            continue
        if v == 'end':
            return log
        log.append(v)
def delegator():
    result = yield from sub()
    yield 'delegator got ' + repr(result)
d = delegator()
print(next(d))
print(d.send('x'), d.send('y'))
print(d.throw(KeyError('k1')))
print(d.send('end'))
def closer():
    try:
        yield from sub()
    finally:
        print('delegator finally')
c = closer()
next(c)
c.close()
print('closed through yield from')
