from .qonto import QontoClient
from .github import GithubClient

__all__ = ["QontoClient", "GithubClient"]
