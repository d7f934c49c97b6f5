# helper module whose functions use their own module globals
setting = 'module setting'
def read_setting():
    return setting
def change_setting(v):
    global setting
    setting = v
