//! A logistic fit whose weights keep the sign each column was given.
//!
//! The page model weighs facts that each point one way: a farm's widget never makes a page
//! *less* farm-like. Unconstrained, correlated columns take opposite signs to fit the corpus's
//! accidents (a generator whose farms happened to be compact taught `boilerplate_share` a
//! negative weight), and a page that looks more like a farm then scores lower. linfa-logistic
//! cannot bound a weight, so this is a small fitter of our own: the same objective as
//! linfa's (summed log loss plus `l2 / 2 · |w|²`, intercept free), minimised by projected
//! Newton steps (Bertsekas 1982): variables held at their bound with the gradient pushing
//! outward are fixed for the step, the others take a Newton step, and the step is projected
//! back onto the allowed signs with an Armijo line search. With the few columns of a page
//! model (tens), a step costs one pass over the rows and a tiny Cholesky solve.

use super::{FitOptions, Logistic, ModelError, standardiser};
use serde::{Deserialize, Serialize};

/// The sign a column's weight is allowed to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sign {
    /// Weight ≥ 0: more of the column never lowers the probability.
    NonNegative,
    /// Weight ≤ 0: more of the column never raises it.
    NonPositive,
}

impl Sign {
    /// Whether a weight keeps this sign.
    pub fn allows(self, w: f32) -> bool {
        match self {
            Sign::NonNegative => w >= 0.0,
            Sign::NonPositive => w <= 0.0,
        }
    }

    fn factor(self) -> f64 {
        match self {
            Sign::NonNegative => 1.0,
            Sign::NonPositive => -1.0,
        }
    }
}

/// Largest projected-gradient entry (relative to the row count) at which the fit is done.
const TOLERANCE: f64 = 1e-7;
/// Armijo's sufficient-decrease factor.
const ARMIJO: f64 = 1e-4;
/// Halvings of a step before the line search gives up (the fit is then at its optimum to
/// the precision of f64).
const MAX_HALVINGS: usize = 50;

/// Fit on row-major `x` (`y.len()` rows of `names.len()` columns), each weight kept to the
/// sign of its column in `signs`.
pub fn fit(
    names: Vec<String>,
    signs: Vec<Sign>,
    x: &[f32],
    y: &[bool],
    opts: FitOptions,
) -> Result<Logistic, ModelError> {
    fit_weighted(names, signs, x, y, &vec![1.0; y.len()], opts)
}

/// [`fit`] with a weight per row: a row of weight 3 counts as three copies of it in the log
/// loss (the L2 penalty is not scaled). Weights must be finite and ≥ 0.
pub fn fit_weighted(
    names: Vec<String>,
    signs: Vec<Sign>,
    x: &[f32],
    y: &[bool],
    weights: &[f32],
    opts: FitOptions,
) -> Result<Logistic, ModelError> {
    let d = names.len();
    if d == 0 || x.len() != y.len() * d || signs.len() != d || weights.len() != y.len() {
        return Err(ModelError::Fit(format!(
            "{} values, {} signs and {} row weights for {} rows of {} columns",
            x.len(),
            signs.len(),
            weights.len(),
            y.len(),
            d
        )));
    }
    if weights.iter().any(|w| !w.is_finite() || *w < 0.0) {
        return Err(ModelError::Fit(
            "row weights must be finite and not negative".to_string(),
        ));
    }
    if !y.iter().any(|&t| t) || y.iter().all(|&t| t) {
        return Err(ModelError::Fit("both classes are needed".to_string()));
    }
    let (mean, scale) = standardiser(x, d);
    // Columns turned so that every constrained variable is `u ≥ 0`: u_j = sign_j · w_j.
    let rows: Vec<Vec<f64>> = x
        .chunks(d)
        .map(|r| {
            (0..d)
                .map(|c| signs[c].factor() * f64::from((r[c] - mean[c]) / scale[c]))
                .collect()
        })
        .collect();
    let weights: Vec<f64> = weights.iter().map(|&w| f64::from(w)).collect();
    let p = Problem {
        rows: &rows,
        y,
        weights: &weights,
        l2: f64::from(opts.l2),
    };
    let theta = p.minimise(opts.max_iterations as usize);
    Ok(Logistic {
        names,
        mean,
        scale,
        weights: (0..d)
            .map(|c| (signs[c].factor() * theta[c]) as f32)
            .collect(),
        intercept: theta[d] as f32,
        signs,
    })
}

struct Problem<'a> {
    rows: &'a [Vec<f64>],
    y: &'a [bool],
    /// Each row's weight in the log loss.
    weights: &'a [f64],
    l2: f64,
}

/// ln(1 + e^z) without overflow.
fn softplus(z: f64) -> f64 {
    if z > 0.0 {
        z + (-z).exp().ln_1p()
    } else {
        z.exp().ln_1p()
    }
}

impl Problem<'_> {
    fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    fn z(&self, theta: &[f64], row: &[f64]) -> f64 {
        let d = row.len();
        theta[d] + row.iter().zip(theta).map(|(v, w)| v * w).sum::<f64>()
    }

    /// The objective: summed log loss plus the L2 penalty on the weights (not the intercept).
    fn loss(&self, theta: &[f64]) -> f64 {
        let d = self.width();
        let data: f64 = self
            .rows
            .iter()
            .zip(self.y)
            .zip(self.weights)
            .map(|((r, &t), &w)| {
                let z = self.z(theta, r);
                w * (softplus(z) - if t { z } else { 0.0 })
            })
            .sum();
        data + 0.5 * self.l2 * theta[..d].iter().map(|w| w * w).sum::<f64>()
    }

    /// Gradient and Hessian of the objective (the intercept is the last variable).
    // Matrix code: rows and columns by number read as the textbook does.
    #[allow(clippy::needless_range_loop)]
    fn derivatives(&self, theta: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
        let d = self.width();
        let mut g = vec![0f64; d + 1];
        let mut h = vec![vec![0f64; d + 1]; d + 1];
        let mut ext = vec![1f64; d + 1];
        for ((r, &t), &w) in self.rows.iter().zip(self.y).zip(self.weights) {
            let z = self.z(theta, r);
            let p = 1.0 / (1.0 + (-z).exp());
            let resid = w * (p - if t { 1.0 } else { 0.0 });
            let curv = w * p * (1.0 - p);
            ext[..d].copy_from_slice(r);
            for a in 0..=d {
                g[a] += resid * ext[a];
                for b in 0..=a {
                    h[a][b] += curv * ext[a] * ext[b];
                }
            }
        }
        for a in 0..=d {
            for b in 0..a {
                h[b][a] = h[a][b];
            }
        }
        for c in 0..d {
            g[c] += self.l2 * theta[c];
            h[c][c] += self.l2;
        }
        (g, h)
    }

    /// Every weight at least 0 (the columns were turned so); the intercept is free.
    fn project(&self, theta: &mut [f64]) {
        let d = self.width();
        for w in &mut theta[..d] {
            *w = w.max(0.0);
        }
    }

    /// The gradient with the entries that push a variable held at its bound outward zeroed:
    /// zero everywhere at the constrained optimum.
    fn projected_gradient(&self, theta: &[f64], g: &[f64]) -> Vec<f64> {
        let d = self.width();
        g.iter()
            .enumerate()
            .map(|(j, &gj)| {
                if j < d && theta[j] <= 0.0 && gj > 0.0 {
                    0.0
                } else {
                    gj
                }
            })
            .collect()
    }

    fn minimise(&self, max_iterations: usize) -> Vec<f64> {
        let d = self.width();
        let n: f64 = self.weights.iter().sum();
        let mut theta = vec![0f64; d + 1];
        let mut f = self.loss(&theta);
        for _ in 0..max_iterations.max(1) {
            let (g, h) = self.derivatives(&theta);
            let pg = self.projected_gradient(&theta, &g);
            let pg_norm = pg.iter().fold(0f64, |m, v| m.max(v.abs()));
            if pg_norm <= TOLERANCE * n.max(1.0) {
                break;
            }
            // Variables at (or within eps of) their bound whose gradient pushes them out are
            // held for this step; eps shrinks with the distance to optimality.
            let eps = pg_norm.min(1e-3);
            let held: Vec<bool> = (0..=d)
                .map(|j| j < d && theta[j] <= eps && g[j] > 0.0)
                .collect();
            let free: Vec<usize> = (0..=d).filter(|&j| !held[j]).collect();
            let sub: Vec<Vec<f64>> = free
                .iter()
                .map(|&a| free.iter().map(|&b| h[a][b]).collect())
                .collect();
            let rhs: Vec<f64> = free.iter().map(|&a| -g[a]).collect();
            let newton = solve(sub, rhs);
            let mut dir = vec![0f64; d + 1];
            match newton {
                Some(step) => {
                    for (k, &a) in free.iter().enumerate() {
                        dir[a] = step[k];
                    }
                    for j in (0..=d).filter(|&j| held[j]) {
                        dir[j] = -g[j];
                    }
                }
                None => dir.iter_mut().zip(&g).for_each(|(s, gj)| *s = -gj),
            }
            let mut t = 1.0;
            let mut moved = false;
            for _ in 0..MAX_HALVINGS {
                let mut next: Vec<f64> = theta.iter().zip(&dir).map(|(a, s)| a + t * s).collect();
                self.project(&mut next);
                let decrease: f64 = g
                    .iter()
                    .zip(next.iter().zip(&theta))
                    .map(|(gj, (a, b))| gj * (a - b))
                    .sum();
                let f_next = self.loss(&next);
                if f_next <= f + ARMIJO * decrease {
                    moved = f_next < f;
                    theta = next;
                    f = f_next;
                    break;
                }
                t *= 0.5;
            }
            if !moved {
                break;
            }
        }
        theta
    }
}

/// Solve `a · x = b` for a symmetric positive definite `a` (Cholesky); `None` when it is not.
// Matrix code: rows and columns by number read as the textbook does; iterators would not.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for j in 0..n {
        let mut diag = a[j][j];
        for k in 0..j {
            diag -= a[j][k] * a[j][k];
        }
        if diag <= 1e-12 {
            return None;
        }
        let diag = diag.sqrt();
        a[j][j] = diag;
        for i in j + 1..n {
            let mut v = a[i][j];
            for k in 0..j {
                v -= a[i][k] * a[j][k];
            }
            a[i][j] = v / diag;
        }
    }
    for i in 0..n {
        for k in 0..i {
            b[i] -= a[i][k] * b[k];
        }
        b[i] /= a[i][i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            b[i] -= a[k][i] * b[k];
        }
        b[i] /= a[i][i];
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of three columns: `a` raises the odds, `b` lowers them, `c` is noise; labels
    /// drawn from a known logistic model with a fixed generator, so that classes overlap
    /// and the optimum is finite.
    fn data(n: usize) -> (Vec<f32>, Vec<bool>) {
        let mut rng = crate::farmgen::Rng::new(7);
        let mut x = Vec::new();
        let mut y = Vec::new();
        for _ in 0..n {
            let a = rng.range(0, 1000) as f32 / 100.0;
            let b = rng.range(0, 1000) as f32 / 100.0;
            let c = rng.range(0, 1000) as f32 / 100.0;
            let z = 0.8 * a - 0.5 * b + 0.3 * c - 3.0;
            let p = 1.0 / (1.0 + (-z).exp());
            y.push((rng.range(0, 10_000) as f32) < p * 10_000.0);
            x.extend_from_slice(&[a, b, c]);
        }
        (x, y)
    }

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    fn opts() -> FitOptions {
        FitOptions {
            l2: 1.0,
            max_iterations: 500,
        }
    }

    #[test]
    fn with_no_bound_active_it_agrees_with_linfa() {
        let (x, y) = data(2000);
        let cols = names(&["a", "b", "c"]);
        let free = Logistic::fit(cols.clone(), &x, &y, opts()).unwrap();
        let signed = fit(
            cols,
            vec![Sign::NonNegative, Sign::NonPositive, Sign::NonNegative],
            &x,
            &y,
            opts(),
        )
        .unwrap();
        assert!(free.weights[0] > 0.0 && free.weights[1] < 0.0 && free.weights[2] > 0.0);
        for (a, b) in free.weights.iter().zip(&signed.weights) {
            assert!(
                (a - b).abs() < 0.02 * a.abs().max(1.0),
                "{free:?} vs {signed:?}"
            );
        }
        assert!((free.intercept - signed.intercept).abs() < 0.02);
    }

    #[test]
    fn a_weight_held_at_its_bound_is_zero_and_the_rest_fit_as_without_that_column() {
        let (x, y) = data(2000);
        // `b` lowers the odds, but is only allowed to raise them: at the optimum it is 0, and
        // the other weights are linfa's fit of the two other columns alone.
        let signed = fit(
            names(&["a", "b", "c"]),
            vec![Sign::NonNegative, Sign::NonNegative, Sign::NonNegative],
            &x,
            &y,
            opts(),
        )
        .unwrap();
        assert_eq!(signed.weights[1], 0.0, "{signed:?}");
        let ac: Vec<f32> = x.chunks(3).flat_map(|r| [r[0], r[2]]).collect();
        let free = Logistic::fit(names(&["a", "c"]), &ac, &y, opts()).unwrap();
        for (a, b) in free
            .weights
            .iter()
            .zip([signed.weights[0], signed.weights[2]])
        {
            assert!(
                (a - b).abs() < 0.02 * a.abs().max(1.0),
                "{free:?} vs {signed:?}"
            );
        }
        // Standardisation differs only by the dropped column's mean, which the held weight
        // of 0 ignores: the intercepts agree too.
        assert!(
            (free.intercept - signed.intercept).abs() < 0.02,
            "{free:?} vs {signed:?}"
        );
    }

    #[test]
    fn every_weight_keeps_its_sign_and_the_fit_is_deterministic() {
        let (x, y) = data(500);
        let signs = vec![Sign::NonPositive, Sign::NonNegative, Sign::NonPositive];
        let a = fit(names(&["a", "b", "c"]), signs.clone(), &x, &y, opts()).unwrap();
        let b = fit(names(&["a", "b", "c"]), signs.clone(), &x, &y, opts()).unwrap();
        assert_eq!(a.weights, b.weights);
        for (s, w) in signs.iter().zip(&a.weights) {
            assert!(s.allows(*w), "{s:?} {w}");
        }
    }

    #[test]
    fn a_row_of_weight_k_counts_as_k_copies_of_it() {
        let (x, y) = data(600);
        let signs = vec![Sign::NonNegative, Sign::NonPositive, Sign::NonNegative];
        let cols = names(&["a", "b", "c"]);
        // The first 100 rows three times over, against the same rows with weight 3.
        let (mut xs, mut ys) = (x.clone(), y.clone());
        for _ in 0..2 {
            xs.extend_from_slice(&x[..300]);
            ys.extend_from_slice(&y[..100]);
        }
        let copied = fit(cols.clone(), signs.clone(), &xs, &ys, opts()).unwrap();
        let w: Vec<f32> = (0..600).map(|i| if i < 100 { 3.0 } else { 1.0 }).collect();
        let weighted = fit_weighted(cols.clone(), signs.clone(), &x, &y, &w, opts()).unwrap();
        // Standardisation is over the rows as given (the copies shift it a little), so the
        // fitted probabilities compare, not the standardised weights.
        let plain = fit(cols.clone(), signs.clone(), &x, &y, opts()).unwrap();
        let gap = |m: &Logistic| {
            x.chunks(3)
                .map(|r| (copied.predict(r) - m.predict(r)).abs())
                .fold(0f32, f32::max)
        };
        assert!(gap(&weighted) < 0.01, "{copied:?} vs {weighted:?}");
        assert!(
            gap(&plain) > 2.0 * gap(&weighted),
            "weights changed nothing: {plain:?}"
        );
        assert!(fit_weighted(cols, signs, &x, &y, &[1.0; 3], opts()).is_err());
    }

    #[test]
    fn bad_shapes_and_one_class_are_refused() {
        let (x, y) = data(10);
        assert!(
            fit(
                names(&["a", "b"]),
                vec![Sign::NonNegative; 2],
                &x,
                &y,
                opts()
            )
            .is_err()
        );
        let all = vec![true; 10];
        assert!(
            fit(
                names(&["a", "b", "c"]),
                vec![Sign::NonNegative; 3],
                &x,
                &all,
                opts()
            )
            .is_err()
        );
    }
}
