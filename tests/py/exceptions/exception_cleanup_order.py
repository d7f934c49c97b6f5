# order of handler, else and finally with nested functions
def op(n):
    print('op', n)
    if n % 2:
        raise ValueError(n)
    return n
def run(n):
    try:
        r = op(n)
    except ValueError as e:
        print('except', e.args[0])
        return 'error'
    else:
        print('else', r)
        return 'ok'
    finally:
        print('finally', n)
print(run(2))
print(run(3))
