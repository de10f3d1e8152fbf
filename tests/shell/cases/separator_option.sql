select 1, 2, 'three';
