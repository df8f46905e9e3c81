#!/usr/bin/env python3
"""Random reference files in the format of shared/oracle/ (see its README), computed with PyTorch in
float64, so that jgrad's oracle tests can be run on shapes and values the shipped files do not hold:

    /usr/bin/python3 tools/random_oracle.py /tmp/oracle-fuzz 7        # directory, seed
    ln -s "$PWD/../shared/data" /tmp/oracle-fuzz/data                 # tests that read data sets
    mvn -B test -pl core,nn,optim -am -Djgrad.shared=/tmp/oracle-fuzz -Dtest='*Oracle*' \
        -Dsurefire.failIfNoSpecifiedTests=false

It writes ops.json (every op, NumPy broadcasting, reductions over every axis, softmax inputs near
1000, products from 1x1x1 to sizes that take the blocked and parallel kernels), losses.json,
networks.json (with Hessian-vector products) and optim.json (every rule, random settings). Inputs
stay off kinks and domain edges, as the README promises for the shipped files. PyTorch is a peer
here, never a dependency: apt-get install python3-torch.
"""
import json, os, random, sys
import torch
torch.set_default_dtype(torch.float64)
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
random.seed(seed); torch.manual_seed(seed)
out = sys.argv[1]
os.makedirs(out + '/oracle', exist_ok=True)

def T(t, dtype=None):
    d = {"shape": list(t.shape), "data": [float(v) if dtype is None else int(v) for v in t.reshape(-1).tolist()]}
    if dtype: d["dtype"] = dtype
    return d

def rshape(maxrank=4, maxdim=5):
    r = random.randint(0, maxrank)
    return [random.randint(1, maxdim) for _ in range(r)]

def bcast_pair():
    s = rshape(4, 4)
    t = list(s)
    # drop leading dims and set some to 1 on either side
    t = t[random.randint(0, len(t)):] if t and random.random() < 0.4 else t
    a, b = list(s), list(t)
    for i in range(1, min(len(a), len(b)) + 1):
        u = random.random()
        if u < 0.2: a[-i] = 1
        elif u < 0.4: b[-i] = 1
    return (a, b) if random.random() < 0.5 else (b, a)

def randn(shape, scale=1.0):
    return torch.randn(*shape) * scale if shape else torch.randn(()) * scale

cases = []
def add_case(name, op, args, inputs, f, needs=None):
    xs = [x.clone().requires_grad_(needs[i] if needs else True) for i, x in enumerate(inputs)]
    y = f(*xs)
    up = randn(list(y.shape))
    gs = torch.autograd.grad(y, [x for x in xs if x.requires_grad], up, allow_unused=True)
    it = iter(gs); grads = []
    for x in xs:
        if x.requires_grad:
            g = next(it); grads.append(T(g if g is not None else torch.zeros_like(x)))
        else:
            grads.append(None)
    cases.append({"name": "%s_%d" % (name, len(cases)), "op": op, "args": args,
                  "inputs": [T(x.detach()) for x in inputs], "output": T(y.detach()), "upstream": T(up), "grads": grads})

def away(x, pts, eps=0.05):  # keep values off kinks
    for p in pts:
        x = torch.where((x - p).abs() < eps, x + 2 * eps, x)
    return x

for _ in range(25):
    for op, f in [("add", torch.add), ("sub", torch.sub), ("mul", torch.mul)]:
        a, b = bcast_pair(); add_case(op, op, {}, [randn(a), randn(b)], f)
    a, b = bcast_pair(); y = randn(b); y = torch.where(y.abs() < 0.3, y.sign() * 0.3 + y, y)
    add_case("div", "div", {}, [randn(a), y], torch.div)
    a, b = bcast_pair(); x, y = randn(a), randn(b)
    full = torch.broadcast_shapes(x.shape, y.shape)
    if (x.expand(full) - y.expand(full)).abs().min() > 1e-3:  # no ties
        add_case("maximum", "maximum", {}, [x, y], torch.maximum)
for _ in range(12):
    s = rshape(); sc = random.choice([1, 1, 5, 30])
    add_case("neg", "neg", {}, [randn(s)], torch.neg)
    add_case("exp", "exp", {}, [randn(s, 3)], torch.exp)
    add_case("log", "log", {}, [randn(s).abs() + 0.05], torch.log)
    add_case("sqrt", "sqrt", {}, [randn(s).abs() + 0.05], torch.sqrt)
    add_case("abs", "abs", {}, [away(randn(s), [0])], torch.abs)
    add_case("relu", "relu", {}, [away(randn(s), [0])], torch.relu)
    add_case("sigmoid", "sigmoid", {}, [randn(s, sc)], torch.sigmoid)
    add_case("tanh", "tanh", {}, [randn(s, sc)], torch.tanh)
    sl = random.choice([0.01, 0.2, -0.5, 1.5])
    add_case("leaky_relu", "leaky_relu", {"slope": sl}, [away(randn(s), [0])], lambda x: torch.where(x > 0, x, sl * x))
    p = random.choice([2, 3, -1, -2, 0.5, 1.5, -0.5, 0, 1, 4, 2.5])
    x = randn(s)
    if p != int(p) or p < 0: x = x.abs() + 0.1
    add_case("pow", "pow", {"exponent": p}, [x], lambda x: torch.pow(x, p))
    lo = random.uniform(-1, 0); hi = lo + random.uniform(0.1, 1.5)
    add_case("clamp", "clamp", {"min": lo, "max": hi}, [away(randn(s), [lo, hi])], lambda x: torch.clamp(x, lo, hi))
# matmul: small to large (blocked, parallel, transposed kernels in backward)
for m, k, n in [(3, 2, 4), (1, 1, 1), (7, 5, 3), (17, 33, 9), (40, 50, 30), (64, 64, 32), (130, 70, 65),
                (65, 300, 12), (128, 20, 10), (260, 40, 64), (33, 1100, 20), (5, 2000, 7), (200, 3, 300), (31, 129, 257)]:
    add_case("matmul", "matmul", {}, [randn([m, k]), randn([k, n])], torch.matmul)
for _ in range(8):
    m, k, n, b = [random.randint(1, 9) for _ in range(4)]
    add_case("matmul", "matmul", {}, [randn([m, k]), randn([k])], torch.matmul)
    add_case("matmul", "matmul", {}, [randn([k]), randn([k, n])], torch.matmul)
    add_case("matmul", "matmul", {}, [randn([k]), randn([k])], torch.matmul)
    add_case("matmul", "matmul", {}, [randn([b, m, k]), randn([k, n])], torch.matmul)
add_case("matmul", "matmul", {}, [randn([6, 40, 50]), randn([50, 70])], torch.matmul)
for _ in range(10):
    m, n = random.randint(1, 70), random.randint(1, 70)
    add_case("transpose", "transpose", {}, [randn([m, n])], lambda x: x.t())
    s = rshape(); n = 1
    for d in s: n *= d
    tgt = random.choice([[n], [1, n], [n, 1]] + ([[2, n // 2]] if n % 2 == 0 else []) + ([[n // 3, 3, 1]] if n % 3 == 0 else []))
    add_case("reshape", "reshape", {"shape": tgt}, [randn(s)], lambda x: x.reshape(tgt))
for _ in range(15):
    s = rshape(4, 5)
    if not s: s = [3]
    ax = random.choice([None] + list(range(-len(s), len(s))))
    keep = random.random() < 0.5
    dims = tuple(range(len(s))) if ax is None else ax  # axis null: over every element
    add_case("sum", "sum", {"axis": ax, "keepDims": keep}, [randn(s)], lambda x: torch.sum(x, dims, keepdim=keep))
    add_case("mean", "mean", {"axis": ax, "keepDims": keep}, [randn(s)], lambda x: torch.mean(x, dims, keepdim=keep))
    # max: distinct values
    x = torch.randperm(int(torch.tensor(s).prod())).double().reshape(s) * 0.37 - 3
    if ax is None:
        f = (lambda x: x.max()) if not keep else (lambda x: x.amax(tuple(range(len(s))), keepdim=True))
    else:
        f = lambda x: x.max(ax, keepdim=keep).values
    add_case("max", "max", {"axis": ax, "keepDims": keep}, [x], f)
    ax1 = random.randrange(-len(s), len(s)); sc = random.choice([1, 1, 40, 1000])
    x = randn(s, sc) + (1000 if sc == 1000 else 0)
    add_case("softmax", "softmax", {"axis": ax1}, [x], lambda x: torch.softmax(x, ax1))
    add_case("log_softmax", "log_softmax", {"axis": ax1}, [x], lambda x: torch.log_softmax(x, ax1))
    add_case("logsumexp", "logsumexp", {"axis": ax1, "keepDims": keep}, [x], lambda x: torch.logsumexp(x, ax1, keepdim=keep))
json.dump({"suite": "ops", "cases": cases}, open(out + '/oracle/ops.json', 'w'))
print("ops", len(cases))

# ---- losses
cases = []
F = torch.nn.functional
for _ in range(12):
    s = rshape(3, 6) or [4]
    red = random.choice(["mean", "sum"])
    add_case("mse", "mse", {"reduction": red}, [randn(s), randn(s)], lambda o, y: F.mse_loss(o, y, reduction=red), [True, False])
    add_case("half_sse", "half_sse", {}, [randn(s), randn(s)], lambda o, y: 0.5 * ((y - o) ** 2).sum(), [True, False])
    p = torch.rand(s) * 0.98 + 0.01; t = torch.rand(s) if random.random() < 0.5 else (torch.rand(s) < 0.5).double()
    add_case("bce", "bce", {"reduction": "mean"}, [p, t], lambda p, t: F.binary_cross_entropy(p, t), [True, False])
    sc = random.choice([1, 5, 30])
    add_case("bce_with_logits", "bce_with_logits", {"reduction": "mean"}, [randn(s, sc), t], lambda z, t: F.binary_cross_entropy_with_logits(z, t), [True, False])
    N, C = random.randint(1, 40), random.randint(2, 12)
    lab = torch.randint(0, C, (N,)); sc = random.choice([1, 3, 30])
    e = random.choice([0.0, 0.0, 0.1, 0.3])
    args = {"reduction": "mean"}
    if e: args["labelSmoothing"] = e
    z = randn([N, C], sc)
    zz = z.clone().requires_grad_(True); y = F.cross_entropy(zz, lab, label_smoothing=e); up = randn([])
    g, = torch.autograd.grad(y, zz, up)
    cases.append({"name": "ce_%d" % len(cases), "op": "cross_entropy", "args": args, "inputs": [T(z), T(lab, "int")],
                  "output": T(y.detach()), "upstream": T(up), "grads": [T(g), None]})
json.dump({"suite": "losses", "cases": cases}, open(out + '/oracle/losses.json', 'w'))
print("losses", len(cases))

# ---- networks
cases = []
def net_case(name, op, args, inputs, needs, f, extra=None):
    xs = [x.clone().requires_grad_(n) for x, n in zip(inputs, needs)]
    L = f(*xs)
    gs = torch.autograd.grad(L, [x for x in xs if x.requires_grad], create_graph=extra is not None)
    it = iter(gs); grads = [T(next(it).detach()) if n else None for n in needs]
    c = {"name": "%s_%d" % (name, len(cases)), "op": op, "args": args, "inputs": [T(x) for x in inputs],
         "output": T(L.detach()), "upstream": T(torch.tensor(1.0)), "grads": grads}
    if extra: c.update(extra(xs, gs)); c["secondOrder"] = True
    cases.append(c)
for _ in range(6):
    N, D, H, O = [random.randint(1, 12) for _ in range(4)]
    X = randn([N, D]); Y = (torch.rand(N, 1) < 0.5).double()
    W1, b1, W2, b2 = randn([D, H]), randn([H]) * 0.1, randn([H, 1]), randn([1]) * 0.1
    net_case("bce", "mlp2_relu_sigmoid_bce", {}, [X, Y, W1, b1, W2, b2], [False, False, True, True, True, True],
             lambda X, Y, W1, b1, W2, b2: F.binary_cross_entropy(torch.sigmoid(torch.relu(X @ W1 + b1) @ W2 + b2), Y))
    C = random.randint(2, 6); Yl = torch.randint(0, C, (N,))
    W1, b1, W2, b2 = randn([D, H]), randn([H]), randn([H, C]), randn([C])
    xs = [X, Yl, W1, b1, W2, b2]
    Xg = [x.clone().requires_grad_(i >= 2) for i, x in enumerate(xs)]
    L = F.cross_entropy(torch.tanh(Xg[0] @ Xg[2] + Xg[3]) @ Xg[4] + Xg[5], Yl)
    gs = torch.autograd.grad(L, Xg[2:])
    cases.append({"name": "ce_%d" % len(cases), "op": "mlp2_tanh_softmax_ce", "args": {}, "inputs": [T(X), T(Yl, "int")] + [T(x) for x in xs[2:]],
                  "output": T(L.detach()), "upstream": T(torch.tensor(1.0)), "grads": [None, None] + [T(g) for g in gs]})
    sl = random.choice([0.01, 0.1, 0.3]); H2, O = random.randint(1, 8), random.randint(1, 4)
    W1, b1, W2, b2, W3, b3 = randn([D, H]), randn([H]), randn([H, H2]), randn([H2]), randn([H2, O]), randn([O])
    lr_ = lambda x: F.leaky_relu(x, sl)
    net_case("mse", "mlp3_leaky_relu_mse", {"slope": sl}, [X, randn([N, O]), W1, b1, W2, b2, W3, b3], [False, False] + [True] * 6,
             lambda X, Y, W1, b1, W2, b2, W3, b3: F.mse_loss(lr_(lr_(X @ W1 + b1) @ W2 + b2) @ W3 + b3, Y))
    vecx = random.random() < 0.5
    x = randn([D]) if vecx else randn([N, D]); W = randn([D, H]); v = randn(list(x.shape))
    def hv(xs, gs):
        hvp, = torch.autograd.grad((gs[0] * xs[2]).sum(), xs[0])
        return {"hvp": T(hvp.detach())}
    net_case("hvp", "sum_tanh_sq", {}, [x, W, v], [True, True, False], lambda x, W, v: (torch.tanh(x @ W) ** 2).sum(), hv)
json.dump({"suite": "networks", "cases": cases}, open(out + '/oracle/networks.json', 'w'))
print("networks", len(cases))

# ---- optim
A, b, X = randn([6, 4]), randn([6]), randn([5, 3])
w0, W0 = randn([4]) * 0.5, randn([3, 2]) * 0.5
def loss(w, W): return 0.5 * ((A @ w - b) ** 2).sum() + (torch.tanh(X @ W) ** 2).sum()
def traj(name, opt, args, make):
    w, W = w0.clone().requires_grad_(True), W0.clone().requires_grad_(True)
    o = make([w, W]); losses, grads, params = [], [], []
    for t in range(6):
        o.zero_grad(); L = loss(w, W); L.backward()
        losses.append(float(L)); grads.append([T(w.grad.clone()), T(W.grad.clone())])
        o.step(); params.append([T(w.detach().clone()), T(W.detach().clone())])
    cases.append({"name": "%s_%d" % (name, len(cases)), "optimizer": opt, "args": args,
                  "problem": {"A": T(A), "b": T(b), "X": T(X)}, "paramNames": ["w", "W"], "init": [T(w0), T(W0)],
                  "steps": 6, "losses": losses, "grads": grads, "params": params, "finalLoss": float(loss(w, W))})
cases = []
class Ema(torch.optim.Optimizer):
    def __init__(self, ps, lr, beta): super().__init__(ps, dict(lr=lr, beta=beta))
    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g['params']:
                st = self.state[p]
                if not st: st['m'] = torch.zeros_like(p); st['t'] = 0
                st['t'] += 1; st['m'].mul_(g['beta']).add_(p.grad, alpha=1 - g['beta'])
                p.add_(st['m'] / (1 - g['beta'] ** st['t']), alpha=-g['lr'])
for _ in range(6):
    lr = random.choice([0.01, 0.05, 0.1]); wd = random.choice([0.0, 0.0, 0.01, 0.1])
    mom = random.choice([0.0, 0.5, 0.9]); damp = random.choice([0.0, 0.0, 0.3]) if mom else 0.0
    nest = mom > 0 and damp == 0 and random.random() < 0.5
    traj("sgd", "SGD", {"lr": lr, "momentum": mom, "dampening": damp, "nesterov": nest, "weightDecay": wd},
         lambda ps: torch.optim.SGD(ps, lr=lr, momentum=mom, dampening=damp, nesterov=nest, weight_decay=wd))
    b1, b2 = random.choice([0.9, 0.8, 0.0]), random.choice([0.999, 0.9]); eps = random.choice([1e-8, 1e-3]); ams = random.random() < 0.5
    traj("adam", "Adam", {"lr": lr, "betas": [b1, b2], "eps": eps, "weightDecay": wd, "amsgrad": ams},
         lambda ps: torch.optim.Adam(ps, lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd, amsgrad=ams))
    traj("adamw", "AdamW", {"lr": lr, "betas": [b1, b2], "eps": eps, "weightDecay": wd, "amsgrad": ams},
         lambda ps: torch.optim.AdamW(ps, lr=lr, betas=(b1, b2), eps=eps, weight_decay=wd, amsgrad=ams))
    al = random.choice([0.99, 0.9])
    traj("rmsprop", "RMSprop", {"lr": lr, "alpha": al, "eps": eps, "weightDecay": wd, "momentum": mom, "centered": False},
         lambda ps: torch.optim.RMSprop(ps, lr=lr, alpha=al, eps=eps, weight_decay=wd, momentum=mom))
    lrd = random.choice([0.0, 0.1]); iav = random.choice([0.0, 0.1])
    traj("adagrad", "Adagrad", {"lr": lr, "lrDecay": lrd, "weightDecay": wd, "initialAccumulatorValue": iav, "eps": eps},
         lambda ps: torch.optim.Adagrad(ps, lr=lr, lr_decay=lrd, weight_decay=wd, initial_accumulator_value=iav, eps=eps))
    be = random.choice([0.8, 0.9])
    traj("ema", "EmaMomentum", {"lr": lr, "beta": be}, lambda ps: Ema(ps, lr, be))
json.dump({"suite": "optim", "cases": cases}, open(out + '/oracle/optim.json', 'w'))
print("optim", len(cases))
