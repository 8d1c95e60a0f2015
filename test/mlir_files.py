"""The command line and the file walk that test/roundtrip-all.py and
test/remarks-once.py share: `SCRIPT FX_OPT DIR... [--min N]`, every .mlir
file below the DIRs in a fixed order."""
import os


def parse_args(argv):
    """(fx_opt, dirs, minimum) from `FX_OPT DIR... [--min N]`."""
    argv = list(argv)
    minimum = 0
    if "--min" in argv:
        i = argv.index("--min")
        minimum = int(argv[i + 1])
        del argv[i:i + 2]
    return argv[0], argv[1:], minimum


def mlir_files(dirs):
    """(path, text) of every .mlir file below `dirs`, sorted per folder."""
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in sorted(files):
                if name.endswith(".mlir"):
                    path = os.path.join(root, name)
                    with open(path) as f:
                        yield path, f.read()
