# else runs when no exception; finally always runs
def run(fail):
    log = []
    try:
        log.append('try')
        if fail:
            raise ValueError('fail')
    except ValueError:
        log.append('except')
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log
print(run(False), run(True))
def finally_return():
    try:
        return 'from try'
    finally:
        print('finally before return')
print(finally_return())
def finally_overrides():
    try:
        return 'try'
    finally:
        return 'finally wins'
print(finally_overrides())
def finally_swallows():
    try:
        raise KeyError('lost')
    finally:
        return 'swallowed'
print(finally_swallows())
for i in range(3):
    try:
        if i == 1:
            continue
        print('body', i)
    finally:
        print('finally', i)
