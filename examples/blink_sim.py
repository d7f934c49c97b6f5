# A first program for the simulated board: no LED here, so it prints the pattern.
import time

pattern = [1, 0, 1, 1, 0, 0]
for step, on in enumerate(pattern):
    print("step", step, "LED", "on" if on else "off")
    time.sleep_ms(50)
print("done after", len(pattern), "steps")
