-- Registered voters, written in bulk by producers/seed (the address is flattened into columns).
CREATE TABLE voters (
  voter_id            text PRIMARY KEY,
  voter_name          text NOT NULL,
  date_of_birth       date NOT NULL,
  gender              text NOT NULL CHECK (gender IN ('female', 'male', 'other')),
  nationality         text NOT NULL,
  registration_number text NOT NULL UNIQUE,
  address_street      text NOT NULL,
  address_city        text NOT NULL,
  address_state       text NOT NULL CHECK (address_state ~ '^[A-Z]{2}$'),
  address_country     text NOT NULL,
  address_postcode    text NOT NULL,
  email               text NOT NULL,
  phone_number        text NOT NULL,
  cell_number         text NOT NULL,
  picture             text NOT NULL,
  registered_age      integer NOT NULL CHECK (registered_age >= 18)
);

-- Registered voters per state (turnout denominator, map drill-down).
CREATE INDEX voters_address_state_idx ON voters (address_state);
