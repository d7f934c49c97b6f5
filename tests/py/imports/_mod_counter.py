# helper module with module-level state
print('executing _mod_counter')
count = 0
def bump():
    global count
    count += 1
    return count
