# globals() and locals()
g_value = 42
g = globals()
print(g['g_value'], 'g_value' in g, '__name__' in g, g['__name__'])
globals()['created'] = 'via globals'
print(created)
print(locals() is globals(), locals()['g_value'])
def g2():
    globals()['g_value'] += 1
    return 'g_value' in globals()
print(g2(), g_value)
print(type(globals()).__name__)
