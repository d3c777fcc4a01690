"""Column shapes shared by several tables."""

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from sqlalchemy import DateTime, Numeric, String, func, text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import mapped_column

UuidPk = Annotated[
    uuid.UUID,
    mapped_column(UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()")),
]
Created = Annotated[
    datetime, mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)
]
Timestamp = Annotated[datetime, mapped_column(DateTime(timezone=True))]
# Money: an exact decimal, 15 integer digits (the domain's bound) and room for every ISO 4217
# minor unit, plus its currency.
Amount = Annotated[Decimal, mapped_column(Numeric(19, 4))]
Currency = Annotated[str, mapped_column(String(3))]
