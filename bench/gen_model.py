"""The storage model and the text helpers of the random fx graphs
(bench/gen_random.py, bench/gen_alias.py).  Python 3 stdlib only.

The model is the unoptimized run's: every value has a storage root, an
offset and strides (in elements), with view/reshape following torch's
computeStride exactly as libfxrt does, and slices following torch's clamping
of start and end.  The generator uses it to keep every graph valid (no kernel
call writes an operand that overlaps another operand) and every slice type
equal to the length the slice selects at the bound symbol values.
"""

import itertools
import re

INT64_MAX = 2**63 - 1
FLOATS = ("f32", "f16", "bf16")
ESIZE = {"f32": 4, "f16": 2, "bf16": 2, "f8E4M3FN": 1, "i8": 1, "i32": 4,
         "i64": 8, "i1": 1}
MAX_OPERANDS = 16
MAX_RESULTS = 8

def contiguous_strides(shape):
    strides, s = [0] * len(shape), 1
    for i in range(len(shape) - 1, -1, -1):
        strides[i] = s
        s *= shape[i]
    return tuple(strides)


def numel(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def compute_stride(oldshape, oldstride, newshape):
    """torch's computeStride (libfxrt's fxrt_view_strides): the strides of a
    view of (oldshape, oldstride) as newshape, or None when none exists."""
    if numel(oldshape) == 0:
        return tuple(oldstride) if tuple(oldshape) == tuple(newshape) else contiguous_strides(newshape)
    if len(oldshape) == 0:
        return contiguous_strides(newshape)
    newstride = [0] * len(newshape)
    view_d = len(newshape) - 1
    chunk_base_stride = oldstride[-1]
    tensor_numel = 1
    view_numel = 1
    for tensor_d in range(len(oldshape) - 1, -1, -1):
        tensor_numel *= oldshape[tensor_d]
        if tensor_d == 0 or (oldshape[tensor_d - 1] != 1 and
                             oldstride[tensor_d - 1] != tensor_numel * chunk_base_stride):
            while view_d >= 0 and (view_numel < tensor_numel or newshape[view_d] == 1):
                newstride[view_d] = view_numel * chunk_base_stride
                view_numel *= newshape[view_d]
                view_d -= 1
            if view_numel != tensor_numel:
                return None
            if tensor_d > 0:
                chunk_base_stride = oldstride[tensor_d - 1]
                tensor_numel = 1
                view_numel = 1
    if view_d != -1:
        return None
    return tuple(newstride)


def broadcast(x, y):
    """torch's broadcast of two dim tuples (symbols equal only to
    themselves), or None."""
    out = []
    for i in range(1, max(len(x), len(y)) + 1):
        a = x[-i] if i <= len(x) else 1
        b = y[-i] if i <= len(y) else 1
        if a == b or b == 1:
            out.append(a)
        elif a == 1:
            out.append(b)
        else:
            return None
    return tuple(reversed(out))


def slice_range(n, start, end, step):
    """torch slice of a dim of n elements: (normalized start, length)."""
    if start < 0:
        start += n
    if end < 0:
        end += n
    start = min(max(start, 0), n)
    end = min(max(end, 0), n)
    length = 0 if end <= start else (end - start + step - 1) // step
    return start, length


class Val:
    """An SSA value and its storage in the unoptimized run."""
    __slots__ = ("name", "dims", "dtype", "root", "offset", "strides", "parent",
                 "link", "group", "arg", "stale", "loose", "serial")
    # A key per value that is never reused: id() is, once a value of an
    # abandoned step is freed, which made a seed's graph depend on Python's
    # memory layout.
    _serials = itertools.count()

    def __init__(self, name, dims, dtype, root, offset, strides, parent=None,
                 link=None, group=None, arg=None):
        self.name, self.dims, self.dtype = name, tuple(dims), dtype
        self.root, self.offset, self.strides = root, offset, tuple(strides)
        self.parent, self.link = parent, link
        self.group = group
        self.arg = arg
        self.stale = False
        # The strides hold only at the bindings: a view was computed while
        # the tensor was empty (a symbol bound to 0), where torch makes up
        # contiguous strides that a nonzero binding would not have.
        self.loose = False
        self.serial = next(Val._serials)

    @property
    def rank(self):
        return len(self.dims)


def fmt_float(x):
    return "%.6e : f64" % x


def fmt_dim(d):
    return '"%s"' % d if isinstance(d, str) else str(d)


def fmt_type(v):
    return "!fx.tensor<[%s], %s>" % (", ".join(fmt_dim(d) for d in v.dims), v.dtype)


def fmt_type_dims(dims, dtype):
    return "!fx.tensor<[%s], %s>" % (", ".join(fmt_dim(d) for d in dims), dtype)


def fmt_int_or_sym(x):
    """A slice bound in the custom form: a symbol string or a bare integer
    (the custom form's integers are i64)."""
    return '"%s"' % x if isinstance(x, str) else "%d" % x


def fmt_param(name):
    """A call operand's schema parameter name: a bare identifier, else a
    string literal."""
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_$.]*", name) else '"%s"' % name


class Retry(Exception):
    """A choice did not work out; the step is abandoned (nothing emitted)."""
