# imports inside functions bind local names
def use():
    import _mod_a
    from _mod_star import public_b as pb
    return _mod_a.VALUE, pb
print(use())
print('_mod_a' in globals(), 'pb' in globals())
def conditional(flag):
    if flag:
        import _mod_star as m
        return m.public_func()
    return 'not imported'
print(conditional(False), conditional(True))
