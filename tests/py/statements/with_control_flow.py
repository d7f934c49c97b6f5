# __exit__ runs on return, break and continue
class Log:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        print('enter', self.tag)
    def __exit__(self, *a):
        print('exit', self.tag)
def early():
    with Log('ret'):
        return 'returned value'
    print('unreachable')
print(early())
for i in range(3):
    with Log('loop%d' % i):
        if i == 0:
            continue
        if i == 1:
            break
print('after loop', i)
def nested():
    with Log('outer'):
        with Log('inner'):
            return 'deep'
print(nested())
