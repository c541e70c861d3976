"""The scikit-learn peer of `pnpm bench` in @digitlab/tuning: LogisticRegressionCV on the same rows.

    python3 logistic-regression-cv.py <dir with x.f32 y.u8> <num_features> <Cs comma-separated> <max_iter> <tol>

Reads the training rows the bench wrote (float32 row-major, uint8 labels), cross-validates
LogisticRegression(multinomial, lbfgs) over Cs with StratifiedKFold(5) (no shuffle: the same folds
as digitlab's stratifiedKFold), scoring accuracy, refit=False (the bench compares the CV part), and
prints one JSON object: wall seconds, per-C mean/std of the fold accuracies, the best C, iterations.
"""
import json
import sys
import time
import warnings

import numpy as np
from sklearn.linear_model import LogisticRegressionCV
from sklearn.model_selection import StratifiedKFold

directory, num_features, cs, max_iter, tol = sys.argv[1:6]
X = np.fromfile(f"{directory}/x.f32", dtype=np.float32).reshape(-1, int(num_features)).astype(np.float64)
y = np.fromfile(f"{directory}/y.u8", dtype=np.uint8)
Cs = [float(c) for c in cs.split(",")]
warnings.simplefilter("ignore")
start = time.perf_counter()
model = LogisticRegressionCV(
    Cs=Cs,
    cv=StratifiedKFold(5),
    solver="lbfgs",
    scoring="accuracy",
    multi_class="multinomial",
    max_iter=int(max_iter),
    tol=float(tol),
    refit=False,
).fit(X, y)
wall = time.perf_counter() - start
scores = next(iter(model.scores_.values()))  # folds × Cs, the same for every class (multinomial)
print(
    json.dumps(
        {
            "wall_seconds": wall,
            "mean_scores": scores.mean(axis=0).tolist(),
            "std_scores": scores.std(axis=0).tolist(),
            # LogisticRegressionCV's refit=True rule (refit=False averages per-fold bests instead).
            "best_C": Cs[int(scores.sum(axis=0).argmax())],
            "n_iter": np.asarray(model.n_iter_)[0].tolist(),
        }
    )
)
