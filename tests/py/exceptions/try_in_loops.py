# break, continue and return inside try/finally in loops
def process(items):
    out = []
    for x in items:
        try:
            if x is None:
                continue
            if x == 'stop':
                break
            out.append(int(x))
        except ValueError:
            out.append('bad')
        finally:
            out.append('|')
    return out
print(process(['1', None, 'x', '2', 'stop', '3']))
def find_first_int(items):
    for x in items:
        try:
            return int(x)
        except ValueError:
            pass
        finally:
            print('checked', x)
    return None
print(find_first_int(['a', 'b', '7', '8']))
count = 0
while True:
    try:
        count += 1
        if count < 3:
            raise RuntimeError
        break
    except RuntimeError:
        print('retry', count)
print('done after', count)
