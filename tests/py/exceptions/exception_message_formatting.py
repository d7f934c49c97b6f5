# messages built by user code are preserved exactly
class ConfigError(Exception):
    pass
def check(cfg):
    missing = [k for k in ('host', 'port') if k not in cfg]
    if missing:
        raise ConfigError('missing keys: %s' % ', '.join(missing))
    if not 0 < cfg['port'] < 65536:
        raise ConfigError('port {} out of range'.format(cfg['port']))
    return 'ok'
for cfg in ({}, {'host': 'h'}, {'host': 'h', 'port': 70000}, {'host': 'h', 'port': 80}):
    try:
        print(check(cfg))
    except ConfigError as e:
        print('ConfigError:', e, '|', e.args[0])
