from numpy import cov as covariance


def covariance_matrix(X):
    return covariance(X, rowvar=False)
