from chiiki_common.migrations import run_env
from plans_api.models import Base

run_env(Base.metadata)
