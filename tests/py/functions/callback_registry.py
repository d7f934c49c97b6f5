# callbacks collected and invoked later
handlers = {}
def on(event):
    def deco(f):
        handlers.setdefault(event, []).append(f)
        return f
    return deco
@on('start')
def h1(data):
    return 'h1 got ' + str(data)
@on('start')
def h2(data):
    return 'h2 got ' + str(data * 2)
@on('stop')
def h3(data):
    return 'h3 stop'
def emit(event, data):
    return [h(data) for h in handlers.get(event, [])]
print(emit('start', 21))
print(emit('stop', None))
print(emit('unknown', 0))
