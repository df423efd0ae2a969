"""Open an issue when the Qonto sync fails."""
import requests

from ledgersync.settings import GITHUB_API, GITHUB_TOKEN, GITHUB_USER


class GithubClient:
    def __init__(self, repo: str) -> None:
        self.repo = repo
        self.headers = {"Authorization": f"Bearer {GITHUB_TOKEN}", "Accept": "application/vnd.github+json"}

    def open_issue(self, title: str, body: str) -> dict:
        response = requests.post(
            f"{GITHUB_API}/repos/{self.repo}/issues",
            json={"title": title, "body": body},
            headers=self.headers,
        )
        response.raise_for_status()
        return response.json()

    def whoami(self) -> dict:
        return requests.get(f"{GITHUB_API}/user", auth=(GITHUB_USER, GITHUB_TOKEN)).json()
