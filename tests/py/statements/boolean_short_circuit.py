# and/or short-circuit evaluation and return values
log = []
def t(v):
    log.append(v)
    return v
print(t(0) and t(1), log)
log.clear()
print(t(1) and t(2), log)
log.clear()
print(t(0) or t('x'), log)
log.clear()
print(t('first') or t('second'), log)
log.clear()
print(t(1) and t(0) or t('fallback'), log)
log.clear()
print(not t(0) and t('y'), log)
print([] or None, 0 or '' or [] or 'last', 'a' and 'b' and 'c', 1 and 0 and 2)
